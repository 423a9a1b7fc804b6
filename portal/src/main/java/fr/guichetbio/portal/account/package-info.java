/**
 * The signed-in person's own account ({@code /compte}): profile, personal data export and account deletion. Sits on
 * top of identity, organisation and audit, so that identity need not depend on organisation.
 */
@org.springframework.modulith.ApplicationModule(
        displayName = "Account",
        allowedDependencies = {
            "audit",
            "identity",
            "organisation",
            "catalogue",
            "notification",
            "matchmaking :: alert",
            "learning"
        })
package fr.guichetbio.portal.account;
