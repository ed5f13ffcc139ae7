"""Driving the browser editor (Decap CMS) as the officer does: log in, fill
a form field, open a record of a data file, publish. Used by the editor's
browser test and by tools/guide_images.py."""

from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait


def log_in(driver, base):
    """Open /admin/ and press Đăng nhập (the local backend needs no password)."""
    driver.get(base + "admin/")
    WebDriverWait(driver, 30).until(
        lambda d: d.find_element(By.XPATH, "//button[contains(., 'Đăng nhập')]")).click()
    WebDriverWait(driver, 30).until(
        lambda d: d.find_element(By.XPATH, "//*[contains(text(), 'Bộ sưu tập')]"))


def field(driver, name):
    """The visible input of a form field (Decap numbers ids: title-field-1)."""
    def find(d):
        found = [e for e in d.find_elements(By.CSS_SELECTOR, f"[id^='{name}-field-']")
                 if e.is_displayed()]
        return found[0] if found else None
    return WebDriverWait(driver, 20).until(find)


def open_record(driver, summary):
    """Unfold the record of a data file's list shown as ``summary`` (khoi-cq · 2018)."""
    item = WebDriverWait(driver, 30).until(
        lambda d: d.find_element(By.XPATH, f"//*[normalize-space(text())='{summary}']"))
    item.find_element(By.XPATH, "./../..").find_element(By.CSS_SELECTOR, "svg").click()


def open_publish_menu(driver):
    driver.find_element(By.XPATH, "//*[normalize-space(text())='Công bố']").click()
    return WebDriverWait(driver, 10).until(
        lambda d: d.find_element(By.XPATH, "//*[contains(text(), 'Công bố ngay')]"))


def publish(driver):
    """Công bố → Công bố ngay: the editor writes the file."""
    open_publish_menu(driver).click()
