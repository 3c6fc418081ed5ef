package io.newswire.notify.subscription;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.newswire.embedded.LocalSmtpServer;
import io.newswire.testsupport.WithKafka;
import io.newswire.testsupport.WithPostgres;
import io.newswire.testsupport.WithSmtp;
import jakarta.mail.Message;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Arrays;
import java.util.Comparator;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ActiveProfiles;

/**
 * A reader signs up in a real browser (Chromium, headless, phone-sized) using the keyboard where a
 * keyboard user would: types the address, ticks a topic and a frequency by their labels, tabs to
 * the button and presses Space, then opens the link from the email and finds their choices on
 * the preferences page. Screenshots land in {@code target/screenshots} for a person to look at.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
@WithKafka
@WithPostgres
@WithSmtp
class SignupBrowserTest {

    private static final File CHROMEDRIVER = new File("/usr/bin/chromedriver");
    private static final String CHROMIUM = "/usr/bin/chromium";
    private static final Path SCREENSHOTS = Path.of("target", "screenshots");
    private static final Pattern CONFIRM_HREF = Pattern.compile("href=\"([^\"]+/subscribe/confirm\\?token=[A-Za-z0-9_.-]+)\"");

    private static Path profile;
    private static WebDriver browser;

    @Autowired
    private JdbcTemplate jdbc;

    @Autowired
    private LocalSmtpServer smtp;

    @LocalServerPort
    private int port;

    @BeforeAll
    static void startBrowser() throws IOException {
        Assumptions.assumeTrue(CHROMEDRIVER.canExecute() && new File(CHROMIUM).canExecute(),
                "Skipped: no " + CHROMEDRIVER + " or " + CHROMIUM + " (apt-get install chromium chromium-driver; .ci/run does)");
        profile = Files.createTempDirectory("signup-browser-");
        // The driver and the browser are named explicitly, so Selenium Manager never runs (and never downloads).
        System.setProperty("webdriver.chrome.driver", CHROMEDRIVER.getPath());
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER).usingAnyFreePort().build();
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM);
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
                "--disable-quic", "--user-data-dir=" + profile, "--window-size=390,844");
        browser = new ChromeDriver(service, options);
        browser.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
    }

    @AfterAll
    static void quitBrowser() throws IOException {
        if (browser != null) {
            browser.quit();
        }
        if (profile != null) {
            try (Stream<Path> files = Files.walk(profile)) {
                files.sorted(Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
            }
        }
    }

    @AfterEach
    void forgetReaders() {
        jdbc.update("DELETE FROM subscriber WHERE email LIKE ?", "%@" + SignupFlowTest.DOMAIN);
    }

    @Test
    void readerSignsUpWithTheKeyboardConfirmsFromTheEmailAndFindsTheirChoices() throws Exception {
        String address = "browser-" + UUID.randomUUID() + "@" + SignupFlowTest.DOMAIN;
        browser.get("http://127.0.0.1:" + port + "/subscribe");
        assertThat(browser.getTitle()).isEqualTo("Subscribe – Newswire");
        assertFitsThePhoneScreen();

        browser.findElement(By.id("email")).sendKeys(address);
        label("Technology").click();
        label("Daily digest").click();
        screenshot("subscribe");
        WebElement focused = tab();
        assertThat(focused.getText()).as("the honeypot is skipped: Tab goes from the choices to the button").isEqualTo("Subscribe");
        assertThat(focused.getCssValue("outline-style")).as("keyboard focus is visible").isEqualTo("solid");
        focused.sendKeys(Keys.SPACE);

        heading("Check your inbox");
        screenshot("check-inbox");
        MimeMessage mail = await().atMost(Duration.ofSeconds(10)).until(() -> mailTo(address), found -> found != null);
        Matcher href = CONFIRM_HREF.matcher(SignupFlowTest.part(mail, "text/html"));
        assertThat(href.find()).isTrue();
        // The email points at the public base URL; this test's server listens on its own port.
        URI link = URI.create(href.group(1));
        browser.get("http://127.0.0.1:" + port + link.getRawPath() + "?" + link.getRawQuery());

        heading("You're subscribed");
        screenshot("subscribed");
        assertThat(jdbc.queryForObject("SELECT status FROM subscriber WHERE email = ?", String.class, address)).isEqualTo("confirmed");
        browser.findElement(By.partialLinkText("Choose your topics")).click();

        heading("Your preferences");
        screenshot("preferences");
        assertFitsThePhoneScreen();
        assertThat(control("Technology").isSelected()).isTrue();
        assertThat(control("World").isSelected()).isFalse();
        assertThat(control("Daily digest").isSelected()).isTrue();
        assertThat(control("Each story").isSelected()).isFalse();
    }

    @Test
    void mistypedAddressIsExplainedNextToTheFieldAndKept() throws Exception {
        browser.get("http://127.0.0.1:" + port + "/subscribe");

        browser.findElement(By.id("email")).sendKeys("reader@localhost", Keys.ENTER);

        new WebDriverWait(browser, Duration.ofSeconds(10)).until(ExpectedConditions.titleIs("Error: Subscribe – Newswire"));
        screenshot("invalid-address");
        assertFitsThePhoneScreen();
        WebElement field = browser.findElement(By.id("email"));
        assertThat(field.getDomProperty("value")).isEqualTo("reader@localhost");
        assertThat(browser.findElement(By.id(field.getDomAttribute("aria-describedby"))).getText())
                .endsWith("Enter an email address like name@example.com");
        browser.findElement(By.linkText("Enter an email address like name@example.com")).click();
        assertThat(browser.switchTo().activeElement().getDomAttribute("id")).as("the summary leads to the field").isEqualTo("email");
    }

    private static WebElement label(String text) {
        return browser.findElement(By.xpath("//label[normalize-space(text())='" + text + "']"));
    }

    /** The input a label is for: what a screen reader announces under that name. */
    private static WebElement control(String label) {
        return browser.findElement(By.id(label(label).getDomAttribute("for")));
    }

    private static WebElement tab() {
        browser.switchTo().activeElement().sendKeys(Keys.TAB);
        return browser.switchTo().activeElement();
    }

    private static void heading(String text) {
        new WebDriverWait(browser, Duration.ofSeconds(10)).until(ExpectedConditions.textToBe(By.tagName("h1"), text));
    }

    private static void assertFitsThePhoneScreen() {
        Object overflow = ((JavascriptExecutor) browser).executeScript(
                "return document.documentElement.scrollWidth - document.documentElement.clientWidth;");
        assertThat(((Number) overflow).intValue()).as("no sideways scrolling at 390 px").isLessThanOrEqualTo(0);
    }

    private static void screenshot(String name) throws IOException {
        Files.createDirectories(SCREENSHOTS);
        File shot = ((org.openqa.selenium.TakesScreenshot) browser).getScreenshotAs(OutputType.FILE);
        Files.copy(shot.toPath(), SCREENSHOTS.resolve("signup-" + name + ".png"), StandardCopyOption.REPLACE_EXISTING);
    }

    private MimeMessage mailTo(String address) throws Exception {
        for (MimeMessage mail : smtp.receivedMessages()) {
            if (mail.getRecipients(Message.RecipientType.TO) != null && Arrays.stream(mail.getRecipients(Message.RecipientType.TO))
                    .anyMatch(to -> ((InternetAddress) to).getAddress().equalsIgnoreCase(address))) {
                return mail;
            }
        }
        return null;
    }
}
