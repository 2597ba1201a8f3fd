package ru.gospochta.identity;

import java.util.regex.Pattern;

/**
 * A registration address («адрес регистрации») as the person writes it. It is free text until
 * the address registry is joined; only the length and the kinds of characters are checked.
 */
public record Address(String text) {

    public static final int MIN_LENGTH = 10;
    public static final int MAX_LENGTH = 300;

    private static final Pattern SPACES = Pattern.compile(" {2,}");

    public Address {
        text = SPACES.matcher(text.strip()).replaceAll(" ");
        int length = text.codePointCount(0, text.length());
        if (length < MIN_LENGTH || length > MAX_LENGTH) {
            throw new InvalidValue("address", "identity.address.length",
                    "address must be " + MIN_LENGTH + " to " + MAX_LENGTH + " characters");
        }
        if (text.codePoints().anyMatch(Address::isInvisible)) {
            throw new InvalidValue("address", "identity.address.characters",
                    "address contains control or invisible formatting characters");
        }
        if (text.codePoints().noneMatch(Character::isLetter)) {
            throw new InvalidValue("address", "identity.address.letters", "address has no letters");
        }
    }

    /** Reads the form field, trimming it and folding runs of spaces. */
    public static Address parse(String userInput) {
        return new Address(userInput);
    }

    /**
     * Line breaks and tabs as well as format characters such as right-to-left overrides, which
     * could make the address display differently from what is stored.
     */
    private static boolean isInvisible(int codePoint) {
        return switch (Character.getType(codePoint)) {
            case Character.CONTROL, Character.FORMAT, Character.LINE_SEPARATOR, Character.PARAGRAPH_SEPARATOR,
                 Character.PRIVATE_USE, Character.SURROGATE, Character.UNASSIGNED -> true;
            default -> false;
        };
    }
}
