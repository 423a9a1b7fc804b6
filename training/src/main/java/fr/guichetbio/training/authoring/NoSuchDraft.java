package fr.guichetbio.training.authoring;

/** No course of that code, or it has no draft (or no module, lesson of that position or key) to edit. */
public class NoSuchDraft extends RuntimeException {

    public NoSuchDraft(String what) {
        super(what);
    }
}
