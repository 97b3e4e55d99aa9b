//! Refusals of the canteen (orders, windows, delivery, disputes).

use super::refusals;

refusals! {
    /// Why a canteen command was refused.
    pub enum Canteen {
        /// No window is open: the week's ordering is closed.
        WindowClosed => "window.closed", "La commande de la semaine est fermée.",
        /// The window is no longer open (locked or delivered).
        WindowNotOpen => "window.not_open", "Cette semaine de commande n'est plus ouverte.",
        /// The order is no longer placed (cancelled, paid, delivered).
        OrderNotPlaced => "order.not_placed", "Cette commande n'est plus en cours : elle a été annulée ou payée.",
        /// The order changed since the tablet read it.
        OrderChanged => "order.changed", "La commande a été modifiée entre-temps.",
        /// Prices changed between the basket and the order: the new total is in the problem.
        PriceChanged => "order.price_changed", "Des prix ont changé : vérifiez le nouveau total.",
        /// During a suspension an order can be reduced or cancelled, never enlarged.
        SuspendedNoIncrease => "order.suspended_no_increase", "Pendant une suspension, une commande peut seulement être réduite ou annulée.",
        /// Canteen suspended for this detainee.
        Suspended => "canteen.suspended", "La cantine de cette personne est suspendue.",
        /// The line's delivery was recorded already.
        LineRecorded => "delivery.line_recorded", "La livraison de cette ligne est déjà enregistrée.",
        /// The line's order was not paid (window not locked).
        LineNotPaid => "delivery.not_paid", "Cette commande n'est pas encore payée : la semaine n'est pas clôturée.",
        /// Delivery is entered by the partner for delegated establishments.
        DeliveryByPartner => "delivery.by_partner", "La livraison est saisie par le partenaire de gestion déléguée.",
        /// A dispute exists already for the line.
        DisputeExists => "dispute.exists", "Une réclamation existe déjà pour cet article.",
        /// Too late to dispute.
        DisputeTooLate => "dispute.too_late", "Le délai de réclamation est passé.",
        /// The line cannot be disputed (not delivered yet).
        DisputeNotDisputable => "dispute.not_disputable", "Cet article ne peut pas faire l'objet d'une réclamation.",
        /// The dispute was answered already.
        DisputeAnswered => "dispute.answered", "Cette réclamation a déjà reçu une réponse.",
        /// A refund larger than what the line cost.
        RefundTooLarge => "dispute.refund_too_large", "Le remboursement dépasse ce que l'article a coûté.",
        /// The suspension was lifted already.
        SuspensionLifted => "suspension.lifted", "Cette suspension est déjà levée.",
        /// A shelf of that name exists.
        CategoryExists => "category.exists", "Ce rayon existe déjà.",
        /// A product with that name or reference exists.
        ProductExists => "product.exists", "Ce produit existe déjà.",
    }
}
