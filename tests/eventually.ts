/** Retry an assertion until it holds or `timeoutMs` passes (for work the collector finishes after replying). */
export async function eventually<T>(check: () => Promise<T>, timeoutMs: number, pollMs: number): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      return await check();
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, pollMs));
    }
  }
}
