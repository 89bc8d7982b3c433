#!/usr/bin/python3
"""The web console in a real browser (Debian's chromium, driven by python3-selenium).

Run by ctest through ConsoleBrowser.* (tests/e2e/console_test.cpp), which starts the console on
real PostgreSQL with a call kept by the webhook, and passes where it is in the environment:
CONSOLE_URL, MANAGER and STRANGER (operators of the call's clinic and of another), PASSWORD,
CALL_ID, DAY (the call's local day) and SCREENSHOTS (a folder for the pages' screenshots).
Exits 0 when every check holds, and 1 naming the first that did not.
"""
import os
import sys

from selenium import webdriver
from selenium.common.exceptions import WebDriverException
from selenium.webdriver.chrome.options import Options
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By

URL = os.environ["CONSOLE_URL"]
CALL = os.environ["CALL_ID"]
DAY = os.environ["DAY"]
SHOTS = os.environ["SCREENSHOTS"]


def browser():
    options = Options()
    for arg in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage",
                "--window-size=1280,1000", "--lang=en-AU"):
        options.add_argument(arg)
    options.binary_location = "/usr/bin/chromium"
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    return webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=options)


def check(condition, what):
    if not condition:
        raise AssertionError(what)


def sign_in(d, email):
    d.get(URL + "/")
    # Labels a screen reader reads: each field is found by its label.
    email_field = d.find_element(By.ID, d.find_element(By.XPATH, "//label[text()='Email']")
                                 .get_attribute("for"))
    password_field = d.find_element(By.ID, d.find_element(By.XPATH, "//label[text()='Password']")
                                    .get_attribute("for"))
    email_field.send_keys(email)
    password_field.send_keys(os.environ["PASSWORD"])
    password_field.submit()
    check(d.current_url.endswith("/calls"), f"{email} signed in lands on /calls, not {d.current_url}")


def sign_out(d):
    d.find_element(By.XPATH, "//button[text()='Sign out']").click()
    check("Sign in" in d.title, "signing out shows the sign-in page")


def console_errors(d):
    return [e for e in d.get_log("browser") if e.get("level") == "SEVERE"]


def main():
    d = browser()
    try:
        sign_in(d, os.environ["MANAGER"])
        d.get(f"{URL}/calls?day={DAY}")
        links = d.find_elements(By.CSS_SELECTOR, f"a[href='/calls/{CALL}']")
        check(links, f"the day's list shows the call {CALL}")
        d.save_screenshot(os.path.join(SHOTS, "console-calls.png"))
        links[0].click()
        check(d.find_element(By.TAG_NAME, "h1").text, "the call's page has a heading")
        tools = d.find_elements(By.CSS_SELECTOR, "ol.timeline li.tool")
        said = d.find_elements(By.CSS_SELECTOR, "ol.timeline li.caller, ol.timeline li.agent")
        check(tools, "the call's page shows its tool calls")
        check(said, "the call's page shows what was said")
        d.save_screenshot(os.path.join(SHOTS, "console-call.png"))
        d.find_element(By.LINK_TEXT, "Replay this call on today's build").click()
        verdict = d.find_element(By.CSS_SELECTOR, "p.verdict").text
        check(verdict == "no divergence", f"the replay says no divergence, not {verdict!r}")
        d.save_screenshot(os.path.join(SHOTS, "console-replay.png"))
        errors = console_errors(d)
        check(not errors, f"the browser's console logged no error: {errors}")
        sign_out(d)

        sign_in(d, os.environ["STRANGER"])
        d.get(f"{URL}/calls?day={DAY}")
        check(not d.find_elements(By.CSS_SELECTOR, f"a[href='/calls/{CALL}']"),
              "another clinic's operator does not see the call in the list")
        d.get(f"{URL}/calls/{CALL}")
        check(d.find_element(By.TAG_NAME, "h1").text == "Not found",
              "another clinic's operator gets Not found for the call's address")
        sign_out(d)
    except (AssertionError, WebDriverException) as failure:
        d.save_screenshot(os.path.join(SHOTS, "console-failure.png"))
        print(f"console.py: {failure}", file=sys.stderr)
        return 1
    finally:
        d.quit()
    print("console.py: every check held")
    return 0


if __name__ == "__main__":
    sys.exit(main())
