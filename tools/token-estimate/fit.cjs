// Fits per-character-class weights (train: even rows) and reports the error of given weights on
// the held-out rows (odd), against codestral-2405 (v3) and tekken (open-mistral-nemo).
// Usage: node fit.cjs [letter,digit,space,linebreak,tab,punct] [counts.tsv]
const fs = require('fs')
const rows = fs.readFileSync(process.argv[3] || 'counts.tsv', 'utf8').split('\n').filter(Boolean).map(l => l.split('\t')).map(r => ({lang:r[0], f:r[1], chars:+r[2], n:r.slice(3,12).map(Number), v3:+r[12], tk:+r[13]}))
const fixed = {6: 0.8, 7: 1.1, 8: 2.0}
const K = [0,1,2,3,4,5]
function solve(A, b) { // gaussian elimination
  const n = b.length; A = A.map((r,i)=>[...r, b[i]])
  for (let i=0;i<n;i++){ let p=i; for(let k=i+1;k<n;k++) if(Math.abs(A[k][i])>Math.abs(A[p][i])) p=k; [A[i],A[p]]=[A[p],A[i]]
    for(let k=0;k<n;k++) if(k!==i){ const f=A[k][i]/A[i][i]; for(let j=i;j<=n;j++) A[k][j]-=f*A[i][j] } }
  return A.map((r,i)=>r[n]/r[i])
}
function fit(train, key) {
  const n=K.length, AtA=Array.from({length:n},()=>new Array(n).fill(0)), Atb=new Array(n).fill(0)
  for (const r of train) { const y=r[key] - Object.entries(fixed).reduce((s,[k,w])=>s+w*r.n[k],0); const wgt=1/(r[key]*r[key])
    for (let i=0;i<n;i++){ Atb[i]+=wgt*r.n[K[i]]*y; for(let j=0;j<n;j++) AtA[i][j]+=wgt*r.n[K[i]]*r.n[K[j]] } }
  return solve(AtA, Atb)
}
const est = (w, r) => K.reduce((s,k,i)=>s+w[i]*r.n[k],0) + Object.entries(fixed).reduce((s,[k,v])=>s+v*r.n[k],0)
const train = rows.filter((_,i)=>i%2===0), test = rows.filter((_,i)=>i%2===1)
const wFile = process.argv[2]
for (const key of ['v3','tk']) {
  const w = fit(train, key); console.log(key, 'weights', w.map(x=>x.toFixed(3)).join(' '))
}
// evaluate a weights vector given on the command line against both tokenizers
if (wFile) { const w = wFile.split(',').map(Number)
  for (const key of ['v3','tk']) { const byLang = {}
    for (const r of test) { const e=(est(w,r)-r[key])/r[key]; (byLang[r.lang] ||= []).push(e); (byLang.all ||= []).push(e) }
    for (const [l, es] of Object.entries(byLang)) { const s=[...es].sort((a,b)=>a-b); const abs=es.map(Math.abs).sort((a,b)=>a-b)
      console.log(key, l.padEnd(12), 'n='+es.length, 'bias', (es.reduce((a,b)=>a+b,0)/es.length*100).toFixed(1)+'%', 'mean|e|', (abs.reduce((a,b)=>a+b,0)/abs.length*100).toFixed(1)+'%', 'p90|e|', (abs[Math.floor(abs.length*0.9)]*100).toFixed(1)+'%', 'min', (s[0]*100).toFixed(1)+'%', 'max', (s[s.length-1]*100).toFixed(1)+'%') } } }
// chars per token per language
const per = {}; for (const r of rows) { (per[r.lang] ||= {c:0,v3:0,tk:0}); per[r.lang].c+=r.chars; per[r.lang].v3+=r.v3; per[r.lang].tk+=r.tk }
for (const [l,p] of Object.entries(per)) console.log('chars/token', l.padEnd(12), 'v3', (p.c/p.v3).toFixed(2), 'tekken', (p.c/p.tk).toFixed(2))
