/** What the order form edits: strings as typed, converted and validated on the server. */
export type OrderFormValues = {
  channel: string;
  externalId: string;
  status: string;
  customerName: string;
  customerPhone: string;
  customerEmail: string;
  recipientName: string;
  recipientPhone: string;
  shippingRegion: string;
  shippingAddress: string;
  carrier: string;
  trackingNo: string;
  shippingFee: string;
  discount: string;
  notes: string;
  items: { sku: string; quantity: string; unitPrice: string }[];
};

export type ProductOption = { sku: string; name: string; priceCents: number };
