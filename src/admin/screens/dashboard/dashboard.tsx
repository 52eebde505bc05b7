import { useSession } from '../../session.js';

export function Dashboard() {
  const session = useSession();
  return (
    <section>
      <h1>Welcome, {session.user.name}</h1>
    </section>
  );
}
