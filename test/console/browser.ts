// Code passed to page.evaluate runs in the browser and is typed against the DOM.
/// <reference lib="dom" />
/// <reference lib="dom.iterable" />
import fs from 'node:fs';
import path from 'node:path';
import puppeteer, { Browser, Page } from 'puppeteer-core';

/** Debian's Chromium (installed by .ci/run); nothing here downloads a browser. */
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Where the browser tests leave their screenshots (gitignored); README copies live in docs/screenshots. */
export const SCREENSHOT_DIR = path.resolve(__dirname, '../../test-output/screenshots');

export async function launchChromium(): Promise<Browser> {
  if (!fs.existsSync(CHROMIUM))
    throw new Error(`no Chromium at ${CHROMIUM}: apt-get install chromium (bash .ci/run does), or set CHROMIUM_PATH`);
  return puppeteer.launch({
    executablePath: CHROMIUM,
    headless: true,
    // As root (CI) Chromium refuses its sandbox; /dev/shm is small in containers.
    args: ['--no-sandbox', '--disable-dev-shm-usage', '--lang=pt-BR'],
    // The browser's own locale (date fields' format) follows the environment, as on a desktop.
    env: { ...process.env, LANG: 'pt_BR.UTF-8', LANGUAGE: 'pt_BR' },
  });
}

/** A page whose browser speaks Brazilian Portuguese, as an analyst's in Brazil would. */
export async function portuguesePage(browser: Browser, context = browser.defaultBrowserContext()): Promise<Page> {
  const page = await context.newPage();
  const cdp = await page.createCDPSession();
  await cdp.send('Emulation.setUserAgentOverride', { userAgent: await browser.userAgent(), acceptLanguage: 'pt-BR' });
  await cdp.send('Emulation.setLocaleOverride', { locale: 'pt-BR' });
  await page.setViewport({ width: 1200, height: 860 });
  return page;
}

/** The top `height` pixels of the page (by default what the window shows), without a field's focus ring. */
export async function screenshot(page: Page, name: string, height?: number): Promise<void> {
  fs.mkdirSync(SCREENSHOT_DIR, { recursive: true });
  await page.evaluate(() => {
    (document.activeElement as HTMLElement | null)?.blur();
    window.scrollTo(0, 0);
  });
  const file = path.join(SCREENSHOT_DIR, `${name}.png`) as `${string}.png`;
  const width = page.viewport()?.width ?? 1200;
  await page.screenshot(height ? { path: file, clip: { x: 0, y: 0, width, height }, captureBeyondViewport: true } : { path: file });
}

/** Sets a controlled input's value the way typing does, so Preact's onInput sees it. */
export async function setInput(page: Page, selector: string, value: string): Promise<void> {
  await page.$eval(
    selector,
    (element, text) => {
      const input = element as HTMLInputElement;
      input.value = text;
      input.dispatchEvent(new Event('input', { bubbles: true }));
    },
    value,
  );
}

export interface AccessibilityFindings {
  /** Form controls no label names (neither a <label>, aria-label nor aria-labelledby). */
  unlabelled: string[];
  /** Text whose colour against its background is below 4.5:1 (WCAG AA for body text). */
  lowContrast: string[];
}

/** Checks the screen as rendered: every control has a name, every visible text passes contrast. */
export async function accessibilityFindings(page: Page): Promise<AccessibilityFindings> {
  return page.evaluate(() => {
    const describe = (element: Element) =>
      `${element.tagName.toLowerCase()}#${element.id || '?'} "${(element.textContent ?? '').trim().slice(0, 40)}"`;
    const unlabelled = [...document.querySelectorAll('input, select, textarea, button')]
      .filter((element) => {
        const control = element as HTMLInputElement;
        if (control.type === 'hidden') return false;
        const named =
          (control.labels && control.labels.length > 0) ||
          control.getAttribute('aria-label') ||
          control.getAttribute('aria-labelledby') ||
          (element.tagName === 'BUTTON' && (element.textContent ?? '').trim());
        return !named;
      })
      .map(describe);

    const rgba = (color: string): number[] => (color.match(/[\d.]+/g) ?? []).map(Number);
    const luminance = ([r, g, b]: number[]) => {
      const channel = (v: number) => {
        const s = v / 255;
        return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
      };
      return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b);
    };
    const background = (element: Element | null): number[] => {
      for (let at = element; at; at = at.parentElement) {
        const [r, g, b, a = 1] = rgba(getComputedStyle(at).backgroundColor);
        if (a > 0) return [r, g, b];
      }
      return [255, 255, 255];
    };
    const lowContrast: string[] = [];
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const element = node.parentElement;
      if (!element || !(node.textContent ?? '').trim()) continue;
      const style = getComputedStyle(element);
      const box = element.getBoundingClientRect();
      if (style.visibility === 'hidden' || style.display === 'none' || box.width === 0 || box.right < 0) continue;
      const fg = luminance(rgba(style.color));
      const bg = luminance(background(element));
      const ratio = (Math.max(fg, bg) + 0.05) / (Math.min(fg, bg) + 0.05);
      if (ratio < 4.5) lowContrast.push(`${describe(element)} ${ratio.toFixed(2)}:1`);
    }
    return { unlabelled, lowContrast };
  });
}

/** Elements that stick out past the window's right edge (tables scroll inside their own box and are left out). */
export async function overflowing(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const width = document.documentElement.clientWidth;
    return [...document.querySelectorAll('body *')]
      .filter((element) => !element.closest('.table-wrap') && element.getBoundingClientRect().right > width + 0.5)
      .map(
        (element) =>
          `${element.tagName.toLowerCase()}${element.id ? '#' + element.id : ''}.${element.className} ${Math.round(element.getBoundingClientRect().right)}px`,
      );
  });
}
