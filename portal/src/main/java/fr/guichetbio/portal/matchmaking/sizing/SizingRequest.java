package fr.guichetbio.portal.matchmaking.sizing;

import java.util.Map;

/** The validated inputs of one modality's calculation (built by {@link SizingParameters}). */
public sealed interface SizingRequest permits ProteinRequest, ViralVectorRequest, CellTherapyRequest {

    Modality modality();

    /**
     * The stable, URL-encodable form of the request: every parameter, {@code modalite} first, values written the same
     * way whatever was typed ({@link SizingParameters#canonical}). Parsing it gives back an equal request: the page's
     * link, the API call and a brief prefilled later all come from this map.
     */
    Map<String, String> parameters();

    Sizing size();
}
