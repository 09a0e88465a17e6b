import { describe, expect, it } from 'vitest';
import { columnOf, csvCell, csvLine, rowsToOrderInput } from './csv';

describe('csv cells', () => {
  it('quotes separators, quotes and line breaks', () => {
    expect(csvCell('a,b')).toBe('"a,b"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell('two\nlines')).toBe('"two\nlines"');
    expect(csvCell(null)).toBe('');
    expect(csvCell(1250)).toBe('1250');
  });

  it('defuses formulas in text but leaves numbers alone', () => {
    expect(csvCell('=HYPERLINK("x")')).toBe(`"'=HYPERLINK(""x"")"`);
    expect(csvCell('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(csvCell(-5)).toBe('-5');
    expect(csvLine(['a', 1, null])).toBe('a,1,\r\n');
  });
});

describe('rowsToOrderInput', () => {
  it('reads order fields from the first row and one item per row, amounts in yuan', () => {
    const input = rowsToOrderInput([
      {
        channel: 'jd',
        external_id: 'JD-1',
        customer_name: '王',
        sku: 'A',
        quantity: '2',
        unit_price: '9.90',
        shipping_fee: '10',
        total: '',
      },
      { channel: 'jd', external_id: 'JD-1', customer_name: '王', sku: 'B', quantity: '1' },
    ]);
    expect(input).toMatchObject({
      channel: 'jd',
      externalId: 'JD-1',
      status: 'paid',
      shippingCents: 1000,
      totalCents: undefined,
      items: [
        { sku: 'A', quantity: '2', unitPriceCents: 990 },
        { sku: 'B', quantity: '1', unitPriceCents: undefined },
      ],
    });
    expect(rowsToOrderInput([{ sku: 'A', quantity: '1', unit_price: '1.234' }]).items[0]!.unitPriceCents).toBeNaN();
  });

  it('maps a field error to the CSV column and the line it concerns, never to an input path', () => {
    expect(columnOf('items.3.sku')).toEqual({ column: 'sku', offset: 3 });
    expect(columnOf('items.0.unitPriceCents')).toEqual({ column: 'unit_price', offset: 0 });
    expect(columnOf('customer.name')).toEqual({ column: 'customer_name', offset: 0 });
    expect(columnOf('deliveredAt')).toEqual({ column: 'delivered_at', offset: 0 });
    expect(columnOf('totalCents')).toEqual({ column: 'total', offset: 0 });
  });

  it("reads times without an offset as the shop's wall clock, and with slashes", () => {
    const input = rowsToOrderInput(
      [
        {
          placed_at: '2025-03-01 10:00',
          delivered_at: '2025/3/5 08:30:00',
          paid_at: '2025-03-01T10:05:00Z',
          shipped_at: 'soon',
          sku: 'A',
          quantity: '1',
        },
      ],
      'Asia/Shanghai',
    );
    expect(input).toMatchObject({
      placedAt: '2025-03-01T02:00:00.000Z',
      deliveredAt: '2025-03-05T00:30:00.000Z',
      paidAt: '2025-03-01T10:05:00.000Z',
      shippedAt: 'soon',
    });
  });

  it('reads the history columns: currency, lifecycle times and the buyer id of the channel', () => {
    const input = rowsToOrderInput([
      {
        currency: 'cny',
        paid_at: '2025-01-02T10:00:00+08:00',
        delivered_at: '2025-01-05',
        customer_external_id: 'tb-9',
        sku: 'A',
        quantity: '1',
      },
    ]);
    expect(input).toMatchObject({
      currency: 'cny',
      paidAt: '2025-01-02T10:00:00+08:00',
      deliveredAt: '2025-01-05',
      shippedAt: undefined,
      customer: { externalId: 'tb-9' },
    });
  });
});
