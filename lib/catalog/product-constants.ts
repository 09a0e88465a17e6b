import { EXCLUSIONS, type Exclusion } from '@/lib/returns/policy-engine';

/** Catalogue constants without zod, for client components (the product form) as well as the schemas. */

/** Why a product is excluded from 7-day no-reason return; the policy engine reads the same codes. */
export const NON_RETURNABLE_REASONS = EXCLUSIONS;
export type NonReturnableReason = Exclusion;

export const PRODUCT_STATUSES = ['active', 'archived', 'all'] as const;
export type ProductStatus = (typeof PRODUCT_STATUSES)[number];

export const PRODUCTS_PAGE_SIZE = 50;
export const MAX_WARRANTY_DAYS = 3650;
export const DEFAULT_WARRANTY_DAYS = 365;
/** 10 million yuan: far above any real list price, well inside the integer column. */
export const MAX_PRICE_CENTS = 1_000_000_000;
