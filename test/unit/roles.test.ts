import { randomStrings } from '../helpers/random-strings.js';
import { inferMultiplicity, inferRoles, normaliseText, titleNamesOneMachine } from '../../src/graph/roles.js';

describe('role inference', () => {
  it.each([
    ['HAProxy', ['load-balancer']],
    ['LB1', ['load-balancer']],
    ['Load Balancer 2 - HAProxy', ['load-balancer']],
    ['Nginx load balancer', ['load-balancer']],
    ['Web Server - Nginx', ['web-server']],
    ['Web Tier', ['web-server']],
    ['Application Server', ['app-server']],
    ['Gunicorn', ['app-server']],
    ['Data Base', ['database']],
    ['MySQL Primary', ['database']],
    ['Firewall 1', ['firewall']],
    ['Sumo Logic agent', ['monitoring']],
    ['www.foobar.com', ['dns']],
    ['User - HTTPS Browser', ['client']],
    ['Server 2', ['server']],
    ['DNS - resolves to Load Balancer Cluster IPs', ['dns']],
  ])('%s -> %j', (label, roles) => {
    expect(inferRoles(label).sort()).toEqual([...roles].sort());
  });

  it('gives a node naming two components both roles', () => {
    expect(inferRoles('Server 1: Nginx + MySQL').sort()).toEqual(['database', 'web-server']);
  });

  it('reads a cylinder as a database and architecture icons as roles', () => {
    expect(inferRoles('Storage', { shape: 'cylinder' })).toContain('database');
    expect(inferRoles('Thing', { icon: 'database' })).toContain('database');
  });

  it('counts machines a node stands for', () => {
    expect(inferMultiplicity('Web servers x3')).toBe(3);
    expect(inferMultiplicity('2 HAProxy load balancers')).toBe(2);
    expect(inferMultiplicity('LB1 + LB2')).toBe(2);
    expect(inferMultiplicity('HAProxy cluster')).toBe(1);
  });

  it('tells a machine title from a tier title', () => {
    expect(titleNamesOneMachine('Server 1')).toBe(true);
    expect(titleNamesOneMachine('Web Tier')).toBe(false);
    expect(titleNamesOneMachine('Backend servers')).toBe(false);
  });

  it('normalises ids and camelCase', () => {
    expect(normaliseText('webServer_1')).toBe('web server 1');
  });
});

describe('normaliseText', () => {
  // The plain regex version it replaces, kept as the specification.
  const reference = (text: string) => text
    .replace(/<br\s*\/?>/gi, ' ')
    .replace(/&[a-z]+;|&#\d+;/gi, ' ')
    .replace(/([a-z])([A-Z])/g, '$1 $2')
    .replace(/([A-Za-z])(\d)/g, '$1 $2')
    .replace(/(\d)([A-Za-z])/g, '$1 $2')
    .toLowerCase()
    .replace(/[_\-/\\|:;,()[\]{}"'`*#+=<>~]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();

  it('equals the regex definition on labels and prose, including odd characters', () => {
    const samples = ['LB1', 'webServer2x', 'HAProxy-LB_1 (Primary)', 'Web Server<br/>Nginx &amp; PHP', '  a1b2C3dE  ', 'İstanbul DB', 'Ünïcödé\u00a0spaces\u2003here', 'x&#39;y', 'tab\tnew\nline', '3-scale_up.md', '<BR >A', ''];
    samples.push(...randomStrings('aZ9 _-/<br>&amp;#;İ\u00a0\u2028éX1(){}"\'`*+=~|:,.', 3000, 24, 7));
    for (const s of samples) expect([s, normaliseText(s)]).toEqual([s, reference(s)]);
  });

  it('equals it on long texts: past the kept buffer\'s growth, its cap and one string made in parts', () => {
    const alphabet = 'aZ9 _-/<br>&amp;#;\u00a0\u2028éX1(){}|:,.\u{1F600}';
    for (const length of [1500, 9000, 20_000, 70_000, 150_000, 2000]) {
      const [text] = randomStrings(alphabet, 1, length, length);
      expect(normaliseText(text!)).toBe(reference(text!));
    }
  });
});
