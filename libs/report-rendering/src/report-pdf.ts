/**
 * The HTML report printed to PDF by a headless Chromium (Debian's `chromium` package, driven by
 * playwright-core: no browser download is possible on our machines). The page gets no network
 * and no JavaScript; the document is self-contained anyway.
 */
import { existsSync } from 'node:fs';
import { chromium } from 'playwright-core';

export const DEFAULT_CHROMIUM_PATH = '/usr/bin/chromium';

export const CHROMIUM_ARGS: readonly string[] = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

/** The browser that prints: CHROMIUM_PATH when set, else Debian's /usr/bin/chromium. */
export const chromiumPath = (env: NodeJS.ProcessEnv = process.env): string => {
  const configured = env['CHROMIUM_PATH']?.trim();
  return configured ? configured : DEFAULT_CHROMIUM_PATH;
};

export const chromiumAvailable = (env: NodeJS.ProcessEnv = process.env): boolean => existsSync(chromiumPath(env));

export class PdfUnavailable extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'PdfUnavailable';
  }
}

/** Prints the HTML on A4 with its backgrounds; resolves to the PDF's bytes. */
export const renderReportPdf = async (htmlDocument: string): Promise<Buffer> => {
  const executablePath = chromiumPath();
  if (!existsSync(executablePath))
    throw new PdfUnavailable(`no Chromium at ${executablePath} (install Debian's chromium, or set CHROMIUM_PATH)`);
  const browser = await chromium
    .launch({ executablePath, args: [...CHROMIUM_ARGS], timeout: 60_000 })
    .catch((e: unknown) => {
      throw new PdfUnavailable(`Chromium at ${executablePath} could not start: ${(e as Error).message}`, { cause: e });
    });
  try {
    const context = await browser.newContext({ javaScriptEnabled: false, offline: true });
    await context.route('**/*', (route) => route.abort());
    const page = await context.newPage();
    await page.setContent(htmlDocument, { waitUntil: 'load' });
    await page.emulateMedia({ media: 'print' });
    return await page.pdf({ format: 'A4', printBackground: true, preferCSSPageSize: true });
  } finally {
    await browser.close();
  }
};
