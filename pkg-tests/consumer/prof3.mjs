const phi = await import('/tmp/named/node.js');
const SMS = '';
let n = 0;
const t = performance.now();
while (performance.now() - t < 4000) for (let i = 0; i < 1000; i++) { phi.lint(SMS, { channel: 'sms' }); n++; }
console.log((4000e3 / n).toFixed(2), 'µs per lint');
