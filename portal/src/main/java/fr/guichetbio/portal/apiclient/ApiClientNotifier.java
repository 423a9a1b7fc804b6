package fr.guichetbio.portal.apiclient;

import fr.guichetbio.portal.apiclient.ApiClientRegistrations.RevokedWithCreator;

/**
 * Tells an organisation's remaining administrators that API clients were revoked because the person who registered
 * them lost their admin rights, so that they register new ones for the systems that used them. Called once the
 * revocation is committed. The portal has no mail server yet: the only implementation logs that a mail would be sent;
 * production plugs an SMTP implementation here. The revocation is also in the organisation's journal.
 */
interface ApiClientNotifier {

    /** Must not throw: the revocation is saved whatever happens to the mail. */
    void revokedWithCreator(RevokedWithCreator revoked);
}
