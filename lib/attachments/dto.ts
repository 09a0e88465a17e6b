export type AttachmentDto = { id: string; name: string; type: string; size: number; messageId: number | null };
