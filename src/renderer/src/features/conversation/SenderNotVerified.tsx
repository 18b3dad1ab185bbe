/**
 * The mark on a buyer message whose From address nothing vouches for (MessageView.senderNotVerified): the envelope
 * sender differs and DMARC did not pass. Words, not just a colour; the explanation as a tooltip and behind "Why?".
 */
import { useId, useState } from 'react';
import { useStrings } from '../../i18n';
import { Badge } from '../../ui/Badge';
import { Button } from '../../ui/Button';
import { Icon } from '../../ui/Icon';
import { convStrings } from './strings';

export function SenderNotVerified() {
  const t = useStrings(convStrings);
  const [open, setOpen] = useState(false);
  const whyId = useId();
  return (
    <div className="sender-not-verified" data-testid="sender-not-verified">
      <Badge tone="warning" title={t('senderWhyText')}>
        <Icon name="alert" /> {t('senderNotVerified')}
      </Badge>{' '}
      <Button size="small" variant="ghost" aria-expanded={open} aria-controls={whyId} onClick={() => setOpen(!open)}>
        {t('senderWhy')}
      </Button>
      <p id={whyId} className="small" hidden={!open} data-testid="sender-not-verified-why">
        {t('senderWhyText')}
      </p>
    </div>
  );
}
