package io.newswire.notify.subscription;

/** A checked signup: a normalised (trimmed, lower-cased) address and the preferences that go with it. */
record Signup(String email, Preferences preferences) {

    // The address is personal data; keep it out of any log or exception that prints a Signup.
    @Override
    public String toString() {
        return "Signup[" + preferences + "]";
    }
}
