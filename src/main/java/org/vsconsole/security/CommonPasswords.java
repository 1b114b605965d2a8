package org.vsconsole.security;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * The check besides length: a 12-character password can still be "Password1234" or
 * "qwertyuiop12". Refuses passwords whose core (lower-cased, leet swaps undone, digits and
 * symbols at both ends dropped) is a common password or word, a repetition of one, the user's own
 * name, a plain run of digits, or made of fewer than five different characters.
 */
final class CommonPasswords {

    private static final Set<String> WORDS = load();
    static final int MIN_DISTINCT = 5;

    private CommonPasswords() {
    }

    /** Why {@code password} is too easy to guess, or empty. */
    static Optional<String> weakness(String password, String username) {
        if (password.codePoints().distinct().count() < MIN_DISTINCT) {
            return Optional.of("must use at least " + MIN_DISTINCT + " different characters");
        }
        String core = core(password);
        if (core.isEmpty()) {
            return Optional.of("must not be only digits and symbols");
        }
        if (WORDS.contains(core) || repeats(core) || isSequence(password)) {
            return Optional.of("is one of the most common passwords; choose something less guessable");
        }
        if (username != null && !username.isBlank() && core.equals(core(username))) {
            return Optional.of("must not be the user name");
        }
        return Optional.empty();
    }

    static String core(String text) {
        String lower = text.toLowerCase(Locale.ROOT);
        int start = 0;
        int end = lower.length();
        while (start < end && !Character.isLetter(lower.charAt(start))) {
            start++;
        }
        while (end > start && !Character.isLetter(lower.charAt(end - 1))) {
            end--;
        }
        StringBuilder out = new StringBuilder(end - start);
        for (char c : lower.substring(start, end).toCharArray()) {
            out.append(switch (c) {
                case '0' -> 'o';
                case '1', '!' -> 'i';
                case '3' -> 'e';
                case '4', '@' -> 'a';
                case '5', '$' -> 's';
                case '7' -> 't';
                default -> c;
            });
        }
        return out.toString();
    }

    /** "passwordpassword", "adminadminadmin": a common word said again. */
    private static boolean repeats(String core) {
        for (String word : WORDS) {
            if (core.length() > word.length() && core.length() % word.length() == 0
                    && core.equals(word.repeat(core.length() / word.length()))) {
                return true;
            }
        }
        return false;
    }

    /** Runs of digits such as 123456789012 or 098765432109. */
    private static boolean isSequence(String password) {
        if (!password.chars().allMatch(Character::isDigit)) {
            return false;
        }
        int up = 0;
        int down = 0;
        for (int i = 1; i < password.length(); i++) {
            int d = (password.charAt(i) - password.charAt(i - 1) + 10) % 10;
            up += d == 1 ? 1 : 0;
            down += d == 9 ? 1 : 0;
        }
        return up >= password.length() - 2 || down >= password.length() - 2;
    }

    private static Set<String> load() {
        Set<String> words = new HashSet<>();
        try (var in = CommonPasswords.class.getResourceAsStream("/security/common-passwords.txt")) {
            if (in == null) {
                throw new IllegalStateException("security/common-passwords.txt is missing from the classpath");
            }
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            for (String line; (line = reader.readLine()) != null;) {
                String word = line.strip();
                if (!word.isEmpty() && !word.startsWith("#")) {
                    words.add(core(word));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Set.copyOf(words);
    }
}
