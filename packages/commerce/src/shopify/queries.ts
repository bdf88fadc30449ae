// The Admin GraphQL operations the Shopify store sends. Operation names are part of the wire format the test
// server answers by, so keep them when editing a selection.

const ADDRESS = 'address1 address2 city provinceCode zip countryCodeV2';

const ORDER = `
  id name cancelledAt displayFulfillmentStatus
  customer { id }
  shippingAddress { ${ADDRESS} }
  lineItems(first: 100) { nodes {
    id name quantity
    variant { id selectedOptions { name value } }
    product { id }
    originalUnitPriceSet { shopMoney { amount } }
  } }
  fulfillments(first: 20) {
    displayStatus
    trackingInfo(first: 10) { number }
    fulfillmentLineItems(first: 100) { nodes { id quantity lineItem { id } } }
  }
  transactions(first: 50) { kind status gateway amountSet { shopMoney { amount } } }
  returns(first: 10) { nodes { status } }`;

export const FIND_CUSTOMER_BY_EMAIL = `query FindCustomerByEmail($query: String!) {
  customers(first: 1, query: $query) { nodes { id email } }
}`;

export const FIND_CUSTOMERS_BY_NAME = `query FindCustomersByName($query: String!) {
  customers(first: 20, query: $query) { nodes { id firstName lastName defaultAddress { zip } } }
}`;

export const GET_CUSTOMER = `query GetCustomer($id: ID!, $giftCardQuery: String!) {
  customer(id: $id) {
    id firstName lastName email
    defaultAddress { id ${ADDRESS} }
    paymentMethods(first: 20) { nodes { id instrument {
      __typename
      ... on CustomerCreditCard { brand lastDigits }
    } } }
    orders(first: 100) { nodes { name } }
  }
  giftCards(first: 20, query: $giftCardQuery) { nodes { id balance { amount } } }
}`;

export const GET_ORDER_BY_NAME = `query GetOrderByName($query: String!) {
  orders(first: 1, query: $query) { nodes { ${ORDER} } }
}`;

export const GET_ORDER_BY_ID = `query GetOrderById($id: ID!) {
  order(id: $id) { ${ORDER} }
}`;

export const GET_PRODUCT = `query GetProduct($id: ID!) {
  product(id: $id) {
    id title
    variants(first: 100) { nodes { id price availableForSale selectedOptions { name value } } }
  }
}`;

export const LIST_PRODUCTS = `query ListProducts($after: String) {
  products(first: 250, after: $after, sortKey: TITLE) {
    nodes { id title }
    pageInfo { hasNextPage endCursor }
  }
}`;

export const ORDER_CANCEL = `mutation OrderCancel($orderId: ID!, $staffNote: String) {
  orderCancel(
    orderId: $orderId
    reason: CUSTOMER
    refundMethod: { originalPaymentMethodsRefund: true }
    restock: true
    notifyCustomer: true
    staffNote: $staffNote
  ) {
    job { id done }
    orderCancelUserErrors { field message code }
  }
}`;

export const ORDER_UPDATE = `mutation OrderUpdate($input: OrderInput!) {
  orderUpdate(input: $input) {
    order { ${ORDER} }
    userErrors { field message }
  }
}`;

export const RETURN_CREATE = `mutation ReturnCreate($returnInput: ReturnInput!) {
  returnCreate(returnInput: $returnInput) {
    return { id status }
    userErrors { field message }
  }
}`;

export const CUSTOMER_ADDRESS_UPDATE = `mutation CustomerAddressUpdate($customerId: ID!, $addressId: ID!, $address: MailingAddressInput!) {
  customerAddressUpdate(customerId: $customerId, addressId: $addressId, address: $address, setAsDefault: true) {
    address { id }
    userErrors { field message }
  }
}`;

export const CUSTOMER_ADDRESS_CREATE = `mutation CustomerAddressCreate($customerId: ID!, $address: MailingAddressInput!) {
  customerAddressCreate(customerId: $customerId, address: $address, setAsDefault: true) {
    address { id }
    userErrors { field message }
  }
}`;
