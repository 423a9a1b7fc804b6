/**
 * Verifiable credentials (issue 17): an Open Badges 3.0 credential per certificate, signed with keys from
 * configuration (rotation keeps old credentials verifiable), the issuer profile, the public keys and the Bitstring
 * Status List used for revocation.
 */
@org.springframework.modulith.NamedInterface("credential")
package fr.guichetbio.training.credential;
