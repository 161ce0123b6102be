// Opens a page in Debian's headless Chromium through its command line: the DOM after the page's scripts ran (on
// virtual time, so the wait does not depend on how busy the machine is) and, if asked, a PNG screenshot.
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';

const run = promisify(execFile);

export const CHROMIUM_PATH = process.env.DHARA_CHROMIUM ?? '/usr/bin/chromium';
const INSTALL_COMMAND = 'apt-get update && apt-get install -y chromium';

export class ChromiumMissingError extends Error {
  constructor(readonly executable: string) {
    super(
      `headless Chromium is not installed at ${executable}: install it with \`${INSTALL_COMMAND}\` (as root; ` +
        `.ci/run does this in CI), or point DHARA_CHROMIUM at a Chromium binary`,
    );
    this.name = 'ChromiumMissingError';
  }
}

/** What the report page's script left on `<body>` (see browser/drawCharts.js), and the whole DOM. */
export interface ChromiumPage {
  readonly dom: string;
  /** Charts whose canvas holds drawn series; undefined when the page never set the marker. */
  readonly chartsRendered: number | undefined;
  readonly chartsExpected: number | undefined;
  readonly chartErrors: string;
  readonly pageHeight: number | undefined;
  /** The PNG written, when a screenshot was asked for. */
  readonly screenshot?: string;
}

export interface OpenOptions {
  /** Where to write a PNG of the viewport. */
  readonly screenshot?: string;
  readonly width?: number;
  readonly height?: number;
}

function bodyAttribute(dom: string, name: string): string | undefined {
  const body = /<body\b[^>]*>/i.exec(dom)?.[0] ?? '';
  return new RegExp(`\\s${name}="([^"]*)"`).exec(body)?.[1];
}

function numberAttribute(dom: string, name: string): number | undefined {
  const value = bodyAttribute(dom, name);
  return value === undefined || value === '' ? undefined : Number(value);
}

export async function openInChromium(htmlFile: string, options: OpenOptions = {}): Promise<ChromiumPage> {
  if (!existsSync(CHROMIUM_PATH)) throw new ChromiumMissingError(CHROMIUM_PATH);
  const profile = mkdtempSync(path.join(os.tmpdir(), 'dhara-chromium-'));
  const screenshot = options.screenshot === undefined ? undefined : path.resolve(options.screenshot);
  try {
    const { stdout } = await run(
      CHROMIUM_PATH,
      [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        // Without these, Chromium reaches for the network in the background, and this sandbox refuses it.
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        `--user-data-dir=${profile}`,
        '--hide-scrollbars',
        '--force-device-scale-factor=1',
        `--window-size=${options.width ?? 1280},${options.height ?? 900}`,
        // Virtual time runs only while the page is idle: 10 s of it are plenty for the page's one timer.
        '--virtual-time-budget=10000',
        '--dump-dom',
        ...(screenshot === undefined ? [] : [`--screenshot=${screenshot}`]),
        pathToFileURL(path.resolve(htmlFile)).href,
      ],
      { timeout: 120_000, maxBuffer: 256 * 1024 * 1024 },
    );
    return {
      dom: stdout,
      chartsRendered: numberAttribute(stdout, 'data-charts-rendered'),
      chartsExpected: numberAttribute(stdout, 'data-charts-expected'),
      chartErrors: bodyAttribute(stdout, 'data-chart-errors') ?? '',
      pageHeight: numberAttribute(stdout, 'data-page-height'),
      ...(screenshot === undefined ? {} : { screenshot }),
    };
  } finally {
    rmSync(profile, { recursive: true, force: true });
  }
}

/** A PNG of the whole page: a first pass measures the page's height, the second takes a window that tall. */
export async function screenshotFullPage(htmlFile: string, png: string, width = 1280): Promise<ChromiumPage> {
  const measured = await openInChromium(htmlFile, { width });
  const height = Math.min(16_000, Math.max(600, measured.pageHeight ?? 4_000));
  return openInChromium(htmlFile, { width, height, screenshot: png });
}
