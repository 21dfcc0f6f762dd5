// Draws images/icon.png (128×128): three stacked stage blocks joined by an arrow, on a dark tile.
import * as fs from 'node:fs';
import * as zlib from 'node:zlib';

const W = 128, H = 128;
const px = Buffer.alloc(W * H * 4);
const set = (x, y, [r, g, b, a = 255]) => { const i = (y * W + x) * 4; px[i] = r; px[i + 1] = g; px[i + 2] = b; px[i + 3] = a; };
const inRound = (x, y, x0, y0, x1, y1, rad) => {
  if (x < x0 || x > x1 || y < y0 || y > y1) return false;
  const cx = Math.min(Math.max(x, x0 + rad), x1 - rad), cy = Math.min(Math.max(y, y0 + rad), y1 - rad);
  return (x - cx) ** 2 + (y - cy) ** 2 <= rad * rad;
};
for (let y = 0; y < H; y++) for (let x = 0; x < W; x++) {
  let c = [0, 0, 0, 0];
  if (inRound(x, y, 0, 0, 127, 127, 22)) c = [24, 32, 48];
  if (inRound(x, y, 18, 16, 78, 38, 6)) c = [96, 125, 139];
  if (inRound(x, y, 18, 50, 78, 72, 6)) c = [96, 125, 139];
  if (inRound(x, y, 50, 90, 110, 112, 6)) c = [38, 198, 160];
  if (x >= 44 && x <= 50 && y >= 72 && y <= 96) c = [38, 198, 160];
  if (y >= 96 && y <= 102 && x >= 44 && x <= 54) c = [38, 198, 160];
  set(x, y, c);
}
const crcTable = Array.from({ length: 256 }, (_, n) => { let c = n; for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1; return c >>> 0; });
const crc = (buf) => { let c = 0xffffffff; for (const b of buf) c = crcTable[(c ^ b) & 255] ^ (c >>> 8); return (c ^ 0xffffffff) >>> 0; };
const chunk = (type, data) => { const len = Buffer.alloc(4); len.writeUInt32BE(data.length); const td = Buffer.concat([Buffer.from(type), data]); const c = Buffer.alloc(4); c.writeUInt32BE(crc(td)); return Buffer.concat([len, td, c]); };
const ihdr = Buffer.alloc(13); ihdr.writeUInt32BE(W, 0); ihdr.writeUInt32BE(H, 4); ihdr[8] = 8; ihdr[9] = 6;
const raw = Buffer.concat(Array.from({ length: H }, (_, y) => Buffer.concat([Buffer.from([0]), px.subarray(y * W * 4, (y + 1) * W * 4)])));
fs.writeFileSync(new URL('../images/icon.png', import.meta.url), Buffer.concat([Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]), chunk('IHDR', ihdr), chunk('IDAT', zlib.deflateSync(raw, { level: 9 })), chunk('IEND', Buffer.alloc(0))]));
