import { tierRule } from './tier-rule.js';

export const webTier = tierRule('web-tier', 'web-server', 'A web server (Nginx, Apache, "web server") on a server of its own.');
