/** What the product form sends: text as typed, the price in yuan. */
export type ProductFormValues = {
  sku: string;
  name: string;
  nameEn: string;
  category: string;
  price: string;
  returnable: boolean;
  nonReturnableReason: string;
  warrantyDays: string;
};

/** A category in the form's select, already named in the reader's language. */
export type CategoryChoice = { code: string; label: string };
