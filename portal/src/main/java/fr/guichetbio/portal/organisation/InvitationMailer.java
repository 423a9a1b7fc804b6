package fr.guichetbio.portal.organisation;

/**
 * Sends an invitation's link to the invited address. The portal has no mail server yet: the only implementation
 * logs that a mail would be sent (without the link); production plugs an SMTP implementation here.
 */
public interface InvitationMailer {

    void send(String email, String organisationName, MembershipRole role, String link);
}
