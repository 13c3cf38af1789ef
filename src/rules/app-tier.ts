import { tierRule } from './tier-rule.js';

export const appTier = tierRule('app-tier', 'app-server', 'An application server (Gunicorn, uWSGI, Node, PHP-FPM, Tomcat, "application server") on a server of its own.');
