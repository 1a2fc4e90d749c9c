import { describe, expect, it } from 'vitest';
import { csvField } from '../../src/shared/csv-field';

describe('csvField', () => {
  it('neutralises text a spreadsheet would run as a formula, tab and carriage return included', () => {
    expect(csvField('=HYPERLINK("http://evil.example","x")')).toBe(`"'=HYPERLINK(""http://evil.example"",""x"")"`);
    expect(csvField("+cmd|' /C calc'!A0")).toBe("'+cmd|' /C calc'!A0");
    expect(csvField('@SUM(A1:A9)')).toBe("'@SUM(A1:A9)");
    expect(csvField('-2+3')).toBe("'-2+3");
    expect(csvField('\t=1')).toBe("'\t=1");
    expect(csvField('\r=1')).toBe(`"'\r=1"`);
  });

  it('keeps plain numbers, ordinary text and codes as they are', () => {
    expect(csvField('-3.5')).toBe('-3.5');
    expect(csvField('+86')).toBe('+86');
    expect(csvField('-1e-3')).toBe('-1e-3');
    expect(csvField(-0.25)).toBe('-0.25');
    expect(csvField('SCJG-CC-02')).toBe('SCJG-CC-02');
    expect(csvField('日照=东港')).toBe('日照=东港');
    expect(csvField('a,b')).toBe('"a,b"');
  });
});
