// Drives a real VS Code (code-server) in Debian's Chromium through playwright-core: opens a file,
// puts the cursor at the end of a line, runs "Trigger Inline Suggestion" from the command
// palette, waits for the ghost text, accepts it with Tab and saves. Run by protocol-tests'
// VscodeEditorTest, which starts code-server with the extension installed, then checks the file.
//
// Env: CODESTRAL_PLAYWRIGHT (path of playwright-core), CODESTRAL_CHROMIUM (/usr/bin/chromium),
//      CODESTRAL_URL (code-server's URL with ?folder=…), CODESTRAL_TEST_FILE_NAME (e.g. main.py),
//      CODESTRAL_TEST_FILE (its full path), CODESTRAL_TEST_LINE (1-based), CODESTRAL_TEST_RESULT (JSON written here),
//      CODESTRAL_SCREENSHOT (optional PNG of the ghost text).
'use strict';
const fs = require('node:fs');
const { chromium } = require(process.env.CODESTRAL_PLAYWRIGHT);

const GHOST = '.monaco-editor .ghost-text-decoration, .monaco-editor .ghost-text';
const result = { steps: [] };
function step(name) {
  result.steps.push(name);
  console.log('ok:', name);
}

let page = null;

async function main() {
  const browser = await chromium.launch({
    executablePath: process.env.CODESTRAL_CHROMIUM || '/usr/bin/chromium',
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  try {
    page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    page.setDefaultTimeout(60000);
    await page.goto(process.env.CODESTRAL_URL);
    await page.waitForSelector('.monaco-workbench', { timeout: 90000 });
    step('workbench loaded');

    // Open the file through Quick Open.
    await page.keyboard.press('Control+P');
    await page.waitForSelector('.quick-input-widget input');
    await page.keyboard.type(process.env.CODESTRAL_TEST_FILE_NAME);
    await page.waitForSelector('.quick-input-list .monaco-list-row');
    await page.keyboard.press('Enter');
    await page.waitForSelector('.monaco-editor .view-lines');
    await page.click('.monaco-editor .view-lines');
    step('file opened');

    // Wait for the extension's status bar item: the server was started.
    await page.waitForSelector('[id="codestral-lsp.codestral-lsp.codestral.status"], .statusbar-item:has-text("Codestral")', { timeout: 60000 });
    step('codestral status bar item shown');

    // Go to the end of the line: Ctrl+G, line number, Enter, End.
    await page.keyboard.press('Control+G');
    await page.waitForSelector('.quick-input-widget input');
    await page.keyboard.type(process.env.CODESTRAL_TEST_LINE);
    await page.keyboard.press('Enter');
    await page.keyboard.press('End');
    step('cursor at the end of line ' + process.env.CODESTRAL_TEST_LINE);

    // Ask for the suggestion until the server is up (the first ask may come before it is).
    let ghost = null;
    for (let attempt = 0; attempt < 10 && ghost === null; attempt++) {
      await page.keyboard.press('F1');
      await page.waitForSelector('.quick-input-widget input');
      await page.keyboard.type('Trigger Inline Suggestion');
      await page.waitForSelector('.quick-input-list .monaco-list-row:has-text("Trigger Inline Suggestion")');
      await page.keyboard.press('Enter');
      try {
        await page.waitForSelector(GHOST, { timeout: 6000 });
        // Monaco splits the ghost text into one span per token: join them.
        ghost = (await page.$$eval(GHOST, (els) => els.map((el) => el.textContent).join(''))).replace(/\u00a0/g, ' ');
      } catch (e) {
        console.log('no ghost text yet, asking again');
      }
    }
    if (ghost === null) {
      throw new Error('no ghost text appeared');
    }
    result.ghost = ghost;
    step('ghost text shown: ' + JSON.stringify(ghost));
    if (process.env.CODESTRAL_SCREENSHOT) {
      await page.screenshot({ path: process.env.CODESTRAL_SCREENSHOT });
    }

    await page.keyboard.press('Tab');
    // Accepted: the line holds the text (a new suggestion may show after it: Escape drops it).
    await page.waitForFunction(
      (text) => document.querySelector('.monaco-editor .view-lines').innerText.replace(/\u00a0/g, ' ').includes(text),
      ghost.trim(), { polling: 100 }); // not 'raf': a headless page may never paint
    await page.keyboard.press('Escape');
    step('accepted with Tab');
    await page.keyboard.press('Control+S');
    const file = process.env.CODESTRAL_TEST_FILE;
    for (let i = 0; i < 300 && !fs.readFileSync(file, 'utf8').includes(ghost.trim()); i++) {
      await new Promise((resolve) => setTimeout(resolve, 100)); // polling the disk, not timing
    }
    result.saved = fs.readFileSync(file, 'utf8');
    if (!result.saved.includes(ghost.trim())) {
      throw new Error('the file was not saved with the suggestion');
    }
    step('saved');
    result.ok = true;
  } catch (error) {
    // What the editor showed when it went wrong, for the test's failure message.
    result.lines = await page?.$eval('.monaco-editor .view-lines', (el) => el.innerText).catch(() => undefined);
    if (process.env.CODESTRAL_SCREENSHOT) {
      await page?.screenshot({ path: process.env.CODESTRAL_SCREENSHOT.replace(/\.png$/, '-failure.png') }).catch(() => {});
    }
    throw error;
  } finally {
    await browser.close();
  }
}

main()
  .catch((error) => {
    result.ok = false;
    result.why = String(error && error.stack || error);
    console.error(result.why);
  })
  .finally(() => {
    fs.writeFileSync(process.env.CODESTRAL_TEST_RESULT, JSON.stringify(result));
    process.exit(result.ok ? 0 : 1);
  });
