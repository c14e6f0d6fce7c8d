package dev.th;

/** An allowed value of the seed, with the text the seed spells it as. */
public interface Labeled {
    /** The value as the seed (and the store) spells it. */
    String label();
}
