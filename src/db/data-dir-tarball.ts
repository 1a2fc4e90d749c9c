import { mkdirSync, writeFileSync } from 'node:fs';
import { join, normalize, sep } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { LOCK_FILE } from './data-dir-lock';

/**
 * Writes a data directory tarball made by PGlite's dumpDataDir (a ustar archive, gzipped or not, of the database's
 * files: '/PG_VERSION', '/base/5/1259', …) into `dataDir` with Node's own file calls. PGlite's loadDataDir does the
 * same through its emulated file system, file by file, and takes several times longer for the demo city's 190 MB;
 * afterwards PGlite opens the directory as an existing database. Regular files and directories only (all a dump
 * holds); the lock file a dump may carry is left out (the directory's lock is the opener's).
 */
export function extractDataDirTarball(tarball: Buffer, dataDir: string): void {
  const tar = tarball[0] === 0x1f && tarball[1] === 0x8b ? gunzipSync(tarball) : tarball;
  const text = (from: number, length: number) => {
    const end = tar.indexOf(0, from);
    return tar.toString('utf8', from, end === -1 || end > from + length ? from + length : end);
  };
  mkdirSync(dataDir, { recursive: true });
  let at = 0;
  while (at + 512 <= tar.length) {
    if (tar[at] === 0) break; // the end-of-archive blocks
    const prefix = tar.toString('utf8', at + 257, at + 262) === 'ustar' ? text(at + 345, 131) : '';
    const name = prefix ? `${prefix}/${text(at, 100)}` : text(at, 100);
    const size = parseInt(text(at + 124, 12).trim() || '0', 8);
    const type = String.fromCharCode(tar[at + 156] || 0x30);
    const relative = normalize(name.replace(/^\/+/, ''));
    if (relative.startsWith('..') || relative.split(sep).includes('..'))
      throw new Error(`数据目录压缩包中有越出目录的路径：${name}`);
    const target = join(dataDir, relative);
    if (type === '5') mkdirSync(target, { recursive: true, mode: 0o700 });
    else if (type === '0' && relative !== LOCK_FILE) {
      mkdirSync(join(target, '..'), { recursive: true, mode: 0o700 });
      writeFileSync(target, tar.subarray(at + 512, at + 512 + size), { mode: 0o600 });
    } else if (type !== '0') throw new Error(`数据目录压缩包中有不支持的条目类型 ${type}：${name}`);
    at += 512 + Math.ceil(size / 512) * 512;
  }
}
