import { useState } from 'preact/hooks';
import type { Api } from './api.js';
import type { Me } from './types.js';

/** Sign-in: an inbox key is exchanged for a session cookie; the key is not kept anywhere in the page. */
export function SignIn({ api, onSignedIn }: { api: Api; onSignedIn: (me: Me) => void }) {
  const [key, setKey] = useState('');
  const [agentId, setAgentId] = useState('');
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);

  const submit = async (e: Event) => {
    e.preventDefault();
    setBusy(true);
    setError('');
    try {
      const me = await api.signIn(key.trim(), agentId.trim());
      setKey('');
      onSignedIn(me);
    } catch (err) {
      setError((err as Error).message);
    } finally {
      setBusy(false);
    }
  };

  return (
    <main class="signin">
      <form class="card" onSubmit={submit}>
        <h1>Parley inbox</h1>
        <p class="muted">Sign in with an inbox key (scope inbox).</p>
        <label>
          Inbox key
          <input
            type="password"
            name="key"
            autocomplete="off"
            required
            value={key}
            onInput={(e) => setKey(e.currentTarget.value)}
          />
        </label>
        <label>
          Your name
          <input
            name="agentId"
            required
            pattern="[A-Za-z0-9_.:\-]{1,100}"
            title="letters, digits, _ . : or -"
            value={agentId}
            onInput={(e) => setAgentId(e.currentTarget.value)}
          />
        </label>
        {error && (
          <p class="error" role="alert">
            {error}
          </p>
        )}
        <button type="submit" class="primary" disabled={busy}>
          Sign in
        </button>
      </form>
    </main>
  );
}
