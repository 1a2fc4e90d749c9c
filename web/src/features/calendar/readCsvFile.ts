function readAs(file: File, encoding: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(typeof reader.result === 'string' ? reader.result : '');
    reader.onerror = () => reject(new Error('无法读取文件'));
    reader.readAsText(file, encoding);
  });
}

/**
 * Reads a CSV file as text. Excel on Chinese Windows saves CSV in GBK, which is not valid UTF-8:
 * when UTF-8 decoding produces replacement characters, the file is read again as GB18030.
 */
export async function readCsvFile(file: File): Promise<string> {
  const text = await readAs(file, 'utf-8');
  return text.includes('\uFFFD') ? readAs(file, 'gb18030') : text;
}
