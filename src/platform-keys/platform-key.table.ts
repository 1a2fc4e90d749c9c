export interface PlatformKeyTable {
  purpose: string;
  algorithm: string;
  public_key: string;
  private_key: string;
  created_at: Date;
}
