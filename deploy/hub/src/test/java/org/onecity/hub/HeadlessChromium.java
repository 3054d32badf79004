package org.onecity.hub;

import org.onecity.common.embedded.Folders;
import org.openqa.selenium.By;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Debian's Chromium, headless, driven through Debian's chromedriver, as the portal's journeys and its benchmark use
 * it: an English browser with a profile of its own, removed with everything Chromium put there when it is closed.
 */
final class HeadlessChromium implements AutoCloseable {

    final WebDriver driver;
    private final ChromeDriverService service;
    private final Path profile;

    /** @param options anything more the caller asks of the browser (e.g. console logging) */
    HeadlessChromium(Consumer<ChromeOptions> options) throws IOException {
        // in the temporary folder, removed on close: Chromium's socket path there must stay under 108 characters
        profile = Folders.temporary("onecity-browser-");
        service = new ChromeDriverService.Builder().usingDriverExecutable(new File("/usr/bin/chromedriver"))
                .usingAnyFreePort().withEnvironment(Map.of("TMPDIR", profile.toString())).build();
        ChromeOptions chrome = new ChromeOptions();
        chrome.setBinary("/usr/bin/chromium");
        chrome.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
                "--window-size=1100,900", "--lang=en-US", "--user-data-dir=" + profile.resolve("profile"));
        chrome.setExperimentalOption("prefs", Map.of("intl.accept_languages", "en-US,en"));
        options.accept(chrome);
        try {
            driver = new ChromeDriver(service, chrome);
        } catch (RuntimeException e) {
            service.stop();
            Folders.delete(profile);
            throw e;
        }
    }

    /** Signs the person in as people do: the portal's "Sign in", the issuer's own login form, back at the portal. */
    void signIn(String portal, String issuer, String username) {
        driver.get(portal + "/");
        driver.findElement(By.id("sign-in")).click();
        new WebDriverWait(driver, Duration.ofSeconds(30)).until(d -> !d.findElements(By.id("username")).isEmpty());
        if (!driver.getCurrentUrl().startsWith(issuer)) {
            throw new IllegalStateException("Signing in led to " + driver.getCurrentUrl() + ", not the issuer " + issuer);
        }
        driver.findElement(By.id("username")).sendKeys(username);
        driver.findElement(By.id("password")).sendKeys("demo");
        driver.findElement(By.cssSelector("button[type=submit]")).click();
        new WebDriverWait(driver, Duration.ofSeconds(30)).until(d -> d.getCurrentUrl().startsWith(portal));
    }

    /** Waits until the page whose {@code html} element this was has been replaced by the next one. */
    void awaitNextPage(WebElement previous, Duration within) {
        new WebDriverWait(driver, within).until(d -> isGone(previous));
    }

    /**
     * Chromium tells of a node of a page that has gone either as stale or, while the next page is being built, as an
     * "unknown error" that the node "does not belong to the document": both mean the page has changed.
     */
    private static boolean isGone(WebElement element) {
        try {
            element.isEnabled();
            return false;
        } catch (StaleElementReferenceException e) {
            return true;
        } catch (WebDriverException e) {
            if (String.valueOf(e.getMessage()).contains("does not belong to the document")) {
                return true;
            }
            throw e;
        }
    }

    @Override
    public void close() {
        try {
            driver.quit();
        } finally {
            service.stop();
            Folders.delete(profile);
        }
    }
}
