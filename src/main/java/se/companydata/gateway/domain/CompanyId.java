package se.companydata.gateway.domain;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.Year;

/**
 * A normalised company identity: 10 digits for an organisationsnummer, 12 for a sole trader's
 * personnummer or samordningsnummer, plus an optional namnskyddslöpnummer (sole traders only).
 */
public record CompanyId(IdentityType type, String number, Integer namnskyddslopnummer) {

    public static final int MAX_LOPNUMMER = 999;

    public CompanyId {
        if (namnskyddslopnummer != null && !type.isSoleTrader()) {
            throw new InvalidIdentityException("namnskyddslopnummer applies only to a sole trader's personnummer or samordningsnummer, not to an organisationsnummer");
        }
        if (namnskyddslopnummer != null && (namnskyddslopnummer < 1 || namnskyddslopnummer > MAX_LOPNUMMER)) {
            throw new InvalidIdentityException("namnskyddslopnummer must be between 1 and 999; got " + namnskyddslopnummer);
        }
    }

    /** The same person or organisation without a löpnummer: what a producer is asked for. */
    public CompanyId withoutLopnummer() {
        return namnskyddslopnummer == null ? this : new CompanyId(type, number, null);
    }

    /** The last ten digits: how SCB keys a company (a sole trader by the short personnummer). */
    public String tenDigits() {
        return number.length() == 10 ? number : number.substring(2);
    }

    public static CompanyId parse(String raw, Integer namnskyddslopnummer) {
        return parse(raw, namnskyddslopnummer, LocalDate.now());
    }

    static CompanyId parse(String raw, Integer namnskyddslopnummer, LocalDate today) {
        if (raw == null || raw.isBlank()) {
            throw new InvalidIdentityException("identity is empty: give an organisationsnummer (10 digits) or a sole trader's personnummer or samordningsnummer (12 digits)");
        }
        String digits = digitsOf(raw.strip());
        return switch (digits.length()) {
            case 10 -> organisationsnummer(digits, namnskyddslopnummer);
            case 12 -> digits.startsWith("16")
                    ? organisationsnummer(digits.substring(2), namnskyddslopnummer)
                    : person(digits, namnskyddslopnummer, today);
            default -> throw new InvalidIdentityException("identity has " + digits.length()
                    + " digits; expected 10 (organisationsnummer) or 12 (16-prefixed organisationsnummer, personnummer or samordningsnummer)");
        };
    }

    private static String digitsOf(String s) {
        int hyphen = -1;
        StringBuilder digits = new StringBuilder(12);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c >= '0' && c <= '9') {
                digits.append(c);
            } else if (c == '-') {
                if (hyphen >= 0) {
                    throw new InvalidIdentityException("identity has more than one hyphen");
                }
                hyphen = i;
            } else if (c == '+') {
                throw new InvalidIdentityException("'+' (the separator for people aged 100 or more) belongs to the 10-digit personnummer form; give the 12-digit personnummer instead");
            } else {
                throw new InvalidIdentityException("identity may contain only digits and one hyphen; found '" + printable(c) + "' at position " + (i + 1));
            }
        }
        if (hyphen >= 0 && hyphen != s.length() - 5) {
            throw new InvalidIdentityException("the hyphen must stand right before the last four digits");
        }
        return digits.toString();
    }

    private static String printable(char c) {
        return Character.isISOControl(c) || Character.isWhitespace(c) ? String.format("U+%04X", (int) c) : String.valueOf(c);
    }

    private static CompanyId organisationsnummer(String ten, Integer lopnummer) {
        if (ten.charAt(2) < '2') {
            throw new InvalidIdentityException("organisationsnummer " + ten + " has third digit " + ten.charAt(2)
                    + "; it must be 2 or more (a sole trader is identified by a 12-digit personnummer)");
        }
        checkLuhn(ten, "organisationsnummer " + ten);
        return new CompanyId(IdentityType.Organisationsnummer, ten, lopnummer);
    }

    private static CompanyId person(String twelve, Integer lopnummer, LocalDate today) {
        int century = Integer.parseInt(twelve.substring(0, 2));
        if (century < 18 || century > 20) {
            throw new InvalidIdentityException("personnummer " + twelve + " starts with century " + century + "; expected 18, 19 or 20");
        }
        int year = Integer.parseInt(twelve.substring(0, 4));
        int month = Integer.parseInt(twelve.substring(4, 6));
        int day = Integer.parseInt(twelve.substring(6, 8));
        boolean samordning = day > 60;
        int birthDay = samordning ? day - 60 : day;
        String kind = samordning ? "samordningsnummer" : "personnummer";
        if (month < 1 || month > 12) {
            throw new InvalidIdentityException(kind + " " + twelve + " has an impossible date: month " + month);
        }
        LocalDate born;
        try {
            born = LocalDate.of(year, month, birthDay);
        } catch (DateTimeException e) {
            throw new InvalidIdentityException(kind + " " + twelve + " has an impossible date: day " + birthDay
                    + " does not exist in " + Year.of(year) + "-" + String.format("%02d", month)
                    + (day == 60 || day == 0 ? "" : samordning ? " (samordningsnummer day is birth day + 60)" : ""));
        }
        if (born.isAfter(today)) {
            throw new InvalidIdentityException(kind + " " + twelve + " has a birth date in the future (" + born + ")");
        }
        checkLuhn(twelve.substring(2), kind + " " + twelve);
        return new CompanyId(samordning ? IdentityType.Samordningsnummer : IdentityType.Personnummer, twelve, lopnummer);
    }

    private static void checkLuhn(String ten, String what) {
        int expected = luhnCheckDigit(ten.substring(0, 9));
        int actual = ten.charAt(9) - '0';
        if (expected != actual) {
            throw new InvalidIdentityException(what + " has check digit " + actual + "; the Luhn check digit for its first nine digits is " + expected);
        }
    }

    /** Luhn (mod 10) over nine digits, weights 2,1,2,… from the left. */
    public static int luhnCheckDigit(String nine) {
        int sum = 0;
        for (int i = 0; i < nine.length(); i++) {
            int d = (nine.charAt(i) - '0') * (i % 2 == 0 ? 2 : 1);
            sum += d > 9 ? d - 9 : d;
        }
        return (10 - sum % 10) % 10;
    }
}
