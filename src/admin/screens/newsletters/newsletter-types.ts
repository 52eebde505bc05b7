/** A newsletter as the Admin API gives it (src/newsletters/newsletters.service.ts). */
export interface Newsletter {
  id: number;
  name: string;
  language: string;
  description: string;
  senderName: string;
  replyTo: string;
  visibility: 'public' | 'hidden';
  cadence: 'each' | 'daily' | 'weekly';
  sendTime: string;
  sendWeekday: number;
  authorsMaySend: boolean;
  archived: boolean;
  members: { confirmed: number; pending: number };
  maySend: boolean;
}
