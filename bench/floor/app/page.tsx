/**
 * The floor page of the benchmark (#17): what the framework itself costs to render a 50-row
 * table per request, with the same Next.js and React as the app and nothing of the app's.
 */
export const dynamic = 'force-dynamic';

const STATUSES = ['paid', 'shipped', 'delivered', 'completed'] as const;

function rows(seed: number) {
  return Array.from({ length: 50 }, (_, i) => ({
    no: `SO${String(seed + i).padStart(12, '0')}`,
    customer: `Customer ${(seed + i) % 997}`,
    status: STATUSES[(seed + i) % STATUSES.length],
    amount: ((seed * 31 + i * 1777) % 100000) / 100,
    placed: new Date(Date.UTC(2026, 10, 1) + i * 3_600_000).toISOString().slice(0, 16).replace('T', ' '),
  }));
}

export default function FloorPage() {
  const list = rows(1);
  return (
    <main>
      <h1>Orders</h1>
      <table>
        <thead>
          <tr>
            <th>Order</th>
            <th>Customer</th>
            <th>Status</th>
            <th>Amount</th>
            <th>Placed</th>
          </tr>
        </thead>
        <tbody>
          {list.map((r) => (
            <tr key={r.no}>
              <td>
                <a href={`/orders/${r.no}`}>{r.no}</a>
              </td>
              <td>{r.customer}</td>
              <td>{r.status}</td>
              <td>{r.amount.toFixed(2)}</td>
              <td>{r.placed}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </main>
  );
}
