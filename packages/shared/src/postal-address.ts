/** A customer's address as orders bring it in (AddressInput) and the lists and their CSV files show it. */
export interface PostalAddress {
  line1: string;
  line2?: string | null;
  city: string;
  region: string;
  postalCode: string;
  country: string;
}
