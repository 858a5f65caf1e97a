/** Webview entry: styles and the app. The host's HTML provides an empty body. */
import './styles/main.css';
import { App } from './app';

const root = document.getElementById('app') ?? document.body.appendChild(document.createElement('div'));
root.id = 'app';
new App(root);
