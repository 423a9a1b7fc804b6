package fr.guichetbio.portal.catalogue.vocabulary;

/** The Luhn check digit of SIREN (9 digits) and SIRET (14 digits) numbers. */
public final class Luhn {

    private Luhn() {}

    public static boolean valid(String digits) {
        int sum = 0;
        boolean twice = false;
        for (int i = digits.length() - 1; i >= 0; i--) {
            int digit = digits.charAt(i) - '0';
            if (digit < 0 || digit > 9) {
                return false;
            }
            if (twice) {
                digit *= 2;
                if (digit > 9) {
                    digit -= 9;
                }
            }
            sum += digit;
            twice = !twice;
        }
        return sum % 10 == 0;
    }

    /** The digits followed by the check digit that makes them valid. */
    public static String complete(String digitsWithoutCheck) {
        for (int check = 0; check < 10; check++) {
            String candidate = digitsWithoutCheck + check;
            if (valid(candidate)) {
                return candidate;
            }
        }
        throw new IllegalStateException();
    }
}
