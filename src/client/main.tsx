// Entry point. Styles are imported here so Vite emits them as a stylesheet file: the CSP allows no inline styles.
import { render } from 'preact';
import { App } from './app/app.js';
import { registerServiceWorker } from './pwa/register.js';
import { startTextSize } from './features/appearance/text-size.js';
import { startTheme } from './features/appearance/theme.js';
import './styles/index.css';

const root = document.getElementById('app');
if (!root) throw new Error('index.html has no #app element');
// Before the first render, so the page never shows the other theme or size for a moment.
startTheme();
startTextSize();
render(<App />, root);
registerServiceWorker();
