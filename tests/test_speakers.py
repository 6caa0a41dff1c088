"""Tests for tracker.speakers: when a mention of the government is the government acting."""

from __future__ import annotations

import pytest

from tracker.rules import word_stems
from tracker.speakers import government_mentions

# sentence | the government mentions that act, " / " between them ("-": none)
MENTIONS_TABLE = """
Het kabinet steunt het voorstel. | het kabinet
De Nederlandse regering steunt het voorstel. | de nederlandse regering
De minister van Financiën zal de Raad voorzitten. | de minister
Wij verwelkomen de mededeling. | wij
De inzet van het kabinet blijft gericht op lagere lasten. | het kabinet
Het voorstel kan op steun van Nederland rekenen. | nederland
Volgens het kabinet is het voorstel te duur. | het kabinet
Voor Nederland is van belang dat de lasten dalen. | nederland
Het compromis is in lijn met de Nederlandse inzet. | de nederlandse inzet
Het compromis ligt ver af van de kabinetsinzet. | kabinetsinzet
Op Nederlands initiatief is de tekst aangepast. | op nederlands initiatief
In Nederland is de richtlijn omgezet. | -
De gevolgen voor Nederland zijn beperkt. | -
De Kamer controleert het optreden op het kabinetsstandpunt. | -
Zoals in de kabinetsappreciatie opgenomen benadrukt de Commissie het belang. | -
De motie verzoekt de regering te pleiten voor lagere afdrachten. | -
De WRR adviseert het kabinet de strategie te herzien. | -
Deze leden wijzen de minister op de risico's. | -
De Britse regering moet nu kiezen. | -
De lidstaten en de ministers spreken over de begroting. | -
De motie, die de regering verzoekt de heffing af te wijzen, is aangenomen. | -
De Commissie roept de lidstaten, waaronder Nederland, op de heffing in te voeren. | -
De conclusies roepen alle lidstaten, en dus ook Nederland, op tot actie. | -
Tijdens het debat vroegen de leden van de fractie de minister om een reactie. | -
Zweden is voorstander van het plan en heeft de minister uitgenodigd voor overleg. | -
Voor Nederland hangt de steun af van de kosten. | nederland
Daarom roept het kabinet de partijen op tot terughoudendheid. | het kabinet
"""


@pytest.mark.parametrize("line", MENTIONS_TABLE.strip().splitlines(), ids=lambda v: v[:40])
def test_government_mentions(line: str) -> None:
    sentence, expected = (cell.strip() for cell in line.split(" | "))
    lowered = sentence.lower()
    found = [m[0] for m in government_mentions(lowered, word_stems(lowered))]
    assert (" / ".join(found) or "-") == expected
