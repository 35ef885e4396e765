// Resolves after two animation frames, so that layout, resize handlers and
// scripts run on load have settled before anything is measured. The timeout
// is a safety net for a tab that gets no frames; it is not a wait.
Promise.race([
  new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(() => resolve(true)))),
  new Promise((resolve) => setTimeout(() => resolve(false), 1000)),
])
