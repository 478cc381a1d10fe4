package se.companydata.gateway.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import se.companydata.gateway.SandboxTest;

/**
 * The demo e-service in a real headless Chromium (Debian's chromium and chromium-driver; .ci/run installs
 * them): sign in, choose a company, press "Hämta uppgifter", and see what the form shows. The page's server
 * side calls the gateway's API over mutual TLS, so this runs the whole path a municipality's e-service does.
 */
@QuarkusTest
class DemoEServiceTest extends SandboxTest {

    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

    @ConfigProperty(name = "gateway.demo.port")
    int demoPort;

    private WebDriver browser;
    private WebDriverWait wait;

    @BeforeEach
    void openBrowser() {
        assertThat(Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER))
                .as("Chromium and its driver are installed (apt-get install chromium chromium-driver)").isTrue();
        ChromeOptions options = new ChromeOptions().setBinary(CHROMIUM.toFile())
                .addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1000,1600", "--lang=sv-SE");
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile()).usingAnyFreePort().build();
        browser = new ChromeDriver(service, options);
        wait = new WebDriverWait(browser, Duration.ofSeconds(15));
        browser.get("http://127.0.0.1:" + demoPort + "/");
        browser.findElement(By.id("login")).click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("company")));
    }

    @AfterEach
    void closeBrowser() {
        if (browser != null) {
            browser.quit();
        }
    }

    private void fetch(String identity) {
        browser.findElement(By.id("identity")).clear();
        browser.findElement(By.id("identity")).sendKeys(identity);
        browser.findElement(By.id("fetch")).click();
    }

    private String status() {
        wait.until(d -> {
            String s = d.findElement(By.id("status")).getText();
            return !s.isEmpty() && !s.startsWith("Hämtar") || d.findElement(By.id("choose-business")).isDisplayed();
        });
        return browser.findElement(By.id("status")).getText();
    }

    private String value(String item) {
        return browser.findElement(By.id("f-" + item)).getAttribute("value");
    }

    private String note(String item) {
        return browser.findElement(By.id("s-" + item)).getText();
    }

    @Test
    void anAktiebolagFillsTheFormWithEachFieldsSource() throws Exception {
        new Select(browser.findElement(By.id("example"))).selectByValue("556784-0177");
        browser.findElement(By.id("fetch")).click();
        assertThat(status()).isEqualTo("Uppgifterna är hämtade. Kontrollera dem innan du skickar.");
        assertThat(browser.findElement(By.id("signed-in")).getText()).isEqualTo("Inloggad: Tolvan Tolvansson (19121212-1212)");
        assertThat(value("UD0001")).isEqualTo("Exempel Näckrosbageriet AB");
        assertThat(value("UD0025")).isEqualTo("Aktiebolag");
        assertThat(value("UD0003")).isEqualTo("Storgatan 8, 90226 UMEÅ");
        assertThat(value("UD0029")).isEqualTo("Ja");
        assertThat(note("UD0001")).startsWith("Från Bolagsverket, hämtad ");
        assertThat(note("UD0029")).startsWith("Från Skatteverket, hämtad ");
        assertThat(browser.findElement(By.id("owner")).isDisplayed()).as("no owner section for an aktiebolag").isFalse();
        Path screenshot = ((ChromeDriver) browser).getScreenshotAs(OutputType.FILE).toPath();
        Files.createDirectories(Path.of("target/demo"));
        Files.copy(screenshot, Path.of("target/demo/demo-eservice.png"), StandardCopyOption.REPLACE_EXISTING);
    }

    @Test
    void aProducerDownLeavesItsFieldsEmptyAndEditableWithANote() {
        sandbox.fault(SandboxProducer.SKATTEVERKET, Fault.UNAVAILABLE);
        fetch("556784-0177");
        assertThat(status()).isEqualTo("Uppgifterna är hämtade, men 3 kunde inte fyllas i. Fyll i dem själv.");
        assertThat(value("UD0001")).isEqualTo("Exempel Näckrosbageriet AB");
        assertThat(value("UD0029")).isEmpty();
        assertThat(note("UD0029")).isEqualTo("Kunde inte hämtas från Skatteverket just nu. Fyll i själv.");
        browser.findElement(By.id("f-UD0029")).sendKeys("Ja");
        assertThat(value("UD0029")).as("the applicant can fill it in").isEqualTo("Ja");
    }

    @Test
    void aProtectedSoleTradersAddressIsNeverShown() {
        fetch("19840615-9932");
        status();
        assertThat(value("UD0001")).isEqualTo("Gunilla Skyddad Exempelkonsult");
        assertThat(browser.findElement(By.id("owner")).isDisplayed()).isTrue();
        assertThat(value("UD0020")).isEqualTo("Gunilla Skyddadsson");
        for (String address : new String[] {"UD0003", "UD0023", "UD0040"}) {
            assertThat(value(address)).as(address).isEmpty();
        }
        assertThat(note("UD0023")).isEqualTo("Lämnas inte ut (skyddad identitet). Fyll i en adress där du kan nås.");
        assertThat(browser.getPageSource()).doesNotContainIgnoringCase("gatan").doesNotContainIgnoringCase("vägen");
    }

    @Test
    void anAmbiguousSoleTraderIsAskedWhichBusiness() {
        fetch("19780228-9806");
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("choose-business")));
        assertThat(browser.findElement(By.id("choose-text")).getText()).isEqualTo("Personen har 2 enskilda firmor. Vilken ansöker?");
        assertThat(browser.findElement(By.id("application")).isDisplayed()).as("nothing filled before the choice").isFalse();
        new Select(browser.findElement(By.id("lopnummer"))).selectByValue("2");
        browser.findElement(By.id("fetch-business")).click();
        assertThat(status()).startsWith("Uppgifterna är hämtade");
        assertThat(value("UD0001")).isEqualTo("Tvåfirmassons Exempelbageri");
    }

    @Test
    void aMalformedIdentityIsExplained() {
        fetch("55678401");
        assertThat(status()).startsWith("Kunde inte hämta uppgifterna: identity has 8 digits");
        assertThat(browser.findElement(By.id("application")).isDisplayed()).isFalse();
    }
}
