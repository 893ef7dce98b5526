const phi = await import('/tmp/named/node.js');
const SMS = 'Hi Maria, your Botox touch-up is Friday May 2 at 10:00. Reply C to confirm or call us at 555-0142. Reply STOP to opt out of texts.';
let n = 0;
const t = performance.now();
while (performance.now() - t < 4000) for (let i = 0; i < 1000; i++) { phi.lint(SMS, { channel: 'sms' }); n++; }
console.log((4000e3 / n).toFixed(2), 'µs per lint');
