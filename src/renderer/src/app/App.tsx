export function App() {
  return (
    <main style={{ fontFamily: 'system-ui, sans-serif', maxWidth: '40rem', margin: '4rem auto', lineHeight: 1.5 }}>
      <p>
        Parley — the inbox arrives in the next release; the relay runs headless: <code>npx parley serve</code>
      </p>
    </main>
  );
}
