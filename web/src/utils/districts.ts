/** The demo city's districts (日照市); other division codes are shown as they are. */
export const districts = [
  { code: '371102', name: '东港区' },
  { code: '371103', name: '岚山区' },
  { code: '371121', name: '五莲县' },
  { code: '371122', name: '莒县' },
] as const;

export const divisionName = (code: string): string => districts.find((d) => d.code === code)?.name ?? code;
