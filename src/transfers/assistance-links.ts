/** Where the web app shows an assistance request. */
export const assistanceLink = (requestNo: string) => `/transfers/assistance?no=${encodeURIComponent(requestNo)}`;
