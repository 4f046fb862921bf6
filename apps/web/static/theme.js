// The theme the person picked (src/lib/theme.ts), applied before the first paint so a dark page never flashes white.
try {
  var theme = localStorage.getItem('career-anchor:theme');
  if (theme === 'light' || theme === 'dark') document.documentElement.dataset.theme = theme;
} catch (e) {
  // Storage blocked: the system's choice applies.
}
